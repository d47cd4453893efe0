CREATE TABLE "case_clocks" (
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"state" text NOT NULL,
	"policies" text[] NOT NULL,
	"policy_id" text,
	"policy_version" text,
	"policy_title" text,
	"rule_id" text,
	"citation" text,
	"time_zone" text NOT NULL,
	"priority_class" text,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"at_risk_at" timestamp with time zone,
	"next_alarm_at" timestamp with time zone,
	"at_risk_warned_at" timestamp with time zone,
	"overdue_marked_at" timestamp with time zone,
	"consequence" jsonb,
	"obligations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"line_clocks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"measure" text NOT NULL,
	"decided_at" timestamp with time zone,
	"oral_notice_at" timestamp with time zone,
	"written_notice_at" timestamp with time zone,
	"measured_at" timestamp with time zone,
	"liability_started_at" timestamp with time zone,
	"liability_ended_at" timestamp with time zone,
	"liability_end_reason" text,
	"stopped_reason" text,
	"no_clock_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_clocks_tenant_id_case_id_pk" PRIMARY KEY("tenant_id","case_id"),
	CONSTRAINT "case_clocks_state_check" CHECK ("case_clocks"."state" in ('running', 'paused', 'awaiting_notice', 'met', 'late', 'stopped', 'no_clock')),
	CONSTRAINT "case_clocks_measure_check" CHECK ("case_clocks"."measure" in ('decision', 'notice'))
);
--> statement-breakpoint
CREATE TABLE "clock_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_name" text,
	"reason" text,
	"engine_event" jsonb,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" text NOT NULL,
	"due_before" timestamp with time zone,
	"due_after" timestamp with time zone,
	"citation" text,
	"note" text,
	CONSTRAINT "clock_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "clock_events_case_seq" UNIQUE("tenant_id","case_id","seq"),
	CONSTRAINT "clock_events_result_check" CHECK ("clock_events"."result" in ('applied', 'no_effect', 'recorded'))
);
--> statement-breakpoint
CREATE TABLE "reviewer_routing" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"licence_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reviewer_routing_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "required_licence_state" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "required_specialty" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "service_category" text;--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_events" ADD CONSTRAINT "clock_events_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_routing" ADD CONSTRAINT "reviewer_routing_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_clocks_alarm_idx" ON "case_clocks" USING btree ("next_alarm_at") WHERE next_alarm_at is not null;--> statement-breakpoint
CREATE INDEX "case_clocks_decided_idx" ON "case_clocks" USING btree ("tenant_id","decided_at");--> statement-breakpoint
CREATE INDEX "cases_queue_due_idx" ON "cases" USING btree ("tenant_id","status","due_at","id") WHERE status in ('intake', 'nurse_review', 'md_review', 'pended_info');