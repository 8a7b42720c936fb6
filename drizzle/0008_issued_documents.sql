CREATE TABLE "issued_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"document_number" text NOT NULL,
	"problem_id" integer,
	"unit_id" integer,
	"problem_ids" jsonb NOT NULL,
	"issued_by" integer NOT NULL,
	"issued_by_name" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reply_by" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "issued_documents_subject_ck" CHECK (("issued_documents"."kind" = 'problem_notice' AND "issued_documents"."problem_id" IS NOT NULL AND "issued_documents"."unit_id" IS NULL) OR ("issued_documents"."kind" = 'unit_notice' AND "issued_documents"."unit_id" IS NOT NULL AND "issued_documents"."problem_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_number_uq" ON "issued_documents" USING btree ("document_number");--> statement-breakpoint
CREATE INDEX "issued_documents_problem_idx" ON "issued_documents" USING btree ("problem_id","id");--> statement-breakpoint
CREATE INDEX "issued_documents_unit_idx" ON "issued_documents" USING btree ("unit_id","id");