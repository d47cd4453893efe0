CREATE TABLE "client_assertion_jtis" (
	"tenant_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_assertion_jtis_tenant_id_client_id_jti_pk" PRIMARY KEY("tenant_id","client_id","jti")
);
--> statement-breakpoint
CREATE TABLE "fhir_coverage_assertions" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"member_id" uuid,
	"coverage_id" uuid,
	"hook" text NOT NULL,
	"code_system" text,
	"code" text,
	"date_of_service" date NOT NULL,
	"requirement" text NOT NULL,
	"criteria_set_id" text,
	"questionnaires" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_coverage_assertions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "fhir_notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"type" text NOT NULL,
	"event_number" bigint NOT NULL,
	"case_id" uuid,
	"request_id" uuid,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"last_status" integer,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fhir_notifications_event_unique" UNIQUE("tenant_id","subscription_id","event_number"),
	CONSTRAINT "fhir_notifications_status_check" CHECK ("fhir_notifications"."status" in ('pending', 'delivered', 'failed')),
	CONSTRAINT "fhir_notifications_type_check" CHECK ("fhir_notifications"."type" in ('handshake', 'event-notification'))
);
--> statement-breakpoint
CREATE TABLE "fhir_pas_items" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"state" text NOT NULL,
	"case_id" uuid,
	"line_id" uuid,
	"reject_reason" text,
	"detail" text,
	CONSTRAINT "fhir_pas_items_tenant_id_request_id_sequence_pk" PRIMARY KEY("tenant_id","request_id","sequence"),
	CONSTRAINT "fhir_pas_items_state_check" CHECK ("fhir_pas_items"."state" in ('line', 'cancelled', 'rejected')),
	CONSTRAINT "fhir_pas_items_line_check" CHECK (("fhir_pas_items"."state" = 'line') = ("fhir_pas_items"."line_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "fhir_pas_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"submitter" text NOT NULL,
	"bundle_key" text NOT NULL,
	"bundle_hash" text NOT NULL,
	"claim_key" text NOT NULL,
	"claim_resource_id" text,
	"kind" text NOT NULL,
	"pas_version" text NOT NULL,
	"case_id" uuid,
	"updates_request_id" uuid,
	"org_identifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitter_org_id" uuid,
	"reject_reason" text,
	"request_bundle" jsonb NOT NULL,
	"response_bundle" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_pas_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fhir_pas_requests_bundle_unique" UNIQUE("tenant_id","submitter","bundle_key"),
	CONSTRAINT "fhir_pas_requests_kind_check" CHECK ("fhir_pas_requests"."kind" in ('submit', 'update', 'cancel')),
	CONSTRAINT "fhir_pas_requests_version_check" CHECK ("fhir_pas_requests"."pas_version" in ('2.2.1', '2.0.1'))
);
--> statement-breakpoint
CREATE TABLE "fhir_subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"submitter" text NOT NULL,
	"status" text NOT NULL,
	"topic" text NOT NULL,
	"org_identifiers" text[] NOT NULL,
	"endpoint" text NOT NULL,
	"headers" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_type" text NOT NULL,
	"end_at" timestamp with time zone,
	"event_count" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"resource" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_subscriptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fhir_subscriptions_status_check" CHECK ("fhir_subscriptions"."status" in ('requested', 'active', 'error', 'off'))
);
--> statement-breakpoint
ALTER TABLE "client_assertion_jtis" ADD CONSTRAINT "client_assertion_jtis_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_coverage_assertions" ADD CONSTRAINT "fhir_coverage_assertions_tenant_id_member_id_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "public"."members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_notifications" ADD CONSTRAINT "fhir_notifications_tenant_id_subscription_id_fhir_subscriptions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."fhir_subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_pas_items" ADD CONSTRAINT "fhir_pas_items_tenant_id_request_id_fhir_pas_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."fhir_pas_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_pas_items" ADD CONSTRAINT "fhir_pas_items_tenant_id_line_id_service_lines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."service_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_pas_requests" ADD CONSTRAINT "fhir_pas_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_pas_requests" ADD CONSTRAINT "fhir_pas_requests_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_subscriptions" ADD CONSTRAINT "fhir_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_assertion_jtis_expiry_idx" ON "client_assertion_jtis" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "fhir_notifications_due_idx" ON "fhir_notifications" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "fhir_pas_items_case_idx" ON "fhir_pas_items" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "fhir_pas_requests_claim_idx" ON "fhir_pas_requests" USING btree ("tenant_id","submitter","claim_key","created_at");--> statement-breakpoint
CREATE INDEX "fhir_pas_requests_case_idx" ON "fhir_pas_requests" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "fhir_subscriptions_status_idx" ON "fhir_subscriptions" USING btree ("tenant_id","status");