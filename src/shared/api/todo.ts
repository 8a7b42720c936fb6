import { z } from 'zod';
import { WARNING_LIGHTS } from './problems.js';

/**
 * 待办: what the caller has to do now, per bucket. Only the buckets that apply to the caller's roles are returned
 * (the look-back bucket always is: anyone may be asked to check). Each bucket carries its full count and its first
 * items (at most 10), most urgent first.
 */
export const TODO_BUCKETS = [
  'to_assign', // 待交办
  'to_acknowledge', // 待签收
  'to_report', // 待报送
  'returned', // 被退回
  'to_self_check', // 待自查
  'to_verify', // 待核查
  'notice_due', // 公示到期
  'to_archive', // 待归档
  'to_file', // 待备案
  'extensions', // 待审批延期
  'lookback', // 回头看核查
] as const;
export type TodoBucketKey = (typeof TODO_BUCKETS)[number];

export const todoItem = z.object({
  problemId: z.number(),
  code: z.string(),
  title: z.string(),
  dueOn: z.string().nullable().describe('the date this to-do is about (ack due, next report due, deadline, notice end), when there is one'),
  warningLight: z.enum(WARNING_LIGHTS),
  refId: z.number().nullable().describe('lookback: the check id; returned: the returned report id; extensions: the pending extension id; notice_due: the notice id; otherwise null'),
  returnReason: z.string().nullable().describe('returned: why the coordinator sent the report back (the latest return); otherwise null'),
});
export type TodoItem = z.infer<typeof todoItem>;

export const todoBucket = z.object({
  key: z.enum(TODO_BUCKETS),
  count: z.number(),
  items: z.array(todoItem).max(10),
});
export type TodoBucket = z.infer<typeof todoBucket>;

export const todoResponse = z.object({
  total: z.number().describe('sum of the bucket counts'),
  buckets: z.array(todoBucket),
});
export type TodoResponse = z.infer<typeof todoResponse>;
