CREATE INDEX "extensions_pending_idx" ON "extensions" USING btree ("problem_id") WHERE "extensions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_user_recent_idx" ON "notifications" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "progress_reports_returned_idx" ON "progress_reports" USING btree ("problem_id") WHERE "progress_reports"."status" = 'returned';--> statement-breakpoint
CREATE INDEX "verifications_problem_idx" ON "verifications" USING btree ("problem_id");