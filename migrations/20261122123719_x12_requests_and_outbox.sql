CREATE TABLE "x12_control_numbers" (
	"tenant_id" uuid NOT NULL,
	"counter" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "x12_control_numbers_tenant_id_counter_pk" PRIMARY KEY("tenant_id","counter")
);
--> statement-breakpoint
CREATE TABLE "x12_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"submitter" text NOT NULL,
	"request_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_in" text,
	"delivered_at" timestamp with time zone,
	"collected_at" timestamp with time zone,
	CONSTRAINT "x12_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "x12_request_services" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"service_index" integer NOT NULL,
	"line_id" uuid,
	"reject_reason" text,
	CONSTRAINT "x12_request_services_tenant_id_request_id_service_index_pk" PRIMARY KEY("tenant_id","request_id","service_index"),
	CONSTRAINT "x12_request_services_target_check" CHECK (("x12_request_services"."line_id" is null) <> ("x12_request_services"."reject_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "x12_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"submitter" text NOT NULL,
	"sender" text NOT NULL,
	"reference" text NOT NULL,
	"content_hash" text NOT NULL,
	"case_id" uuid NOT NULL,
	"request" jsonb NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "x12_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "x12_requests_key_unique" UNIQUE("tenant_id","submitter","sender","reference")
);
--> statement-breakpoint
ALTER TABLE "x12_control_numbers" ADD CONSTRAINT "x12_control_numbers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_outbox" ADD CONSTRAINT "x12_outbox_tenant_id_request_id_x12_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."x12_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_request_services" ADD CONSTRAINT "x12_request_services_tenant_id_request_id_x12_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."x12_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_request_services" ADD CONSTRAINT "x12_request_services_tenant_id_line_id_service_lines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."service_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_requests" ADD CONSTRAINT "x12_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_requests" ADD CONSTRAINT "x12_requests_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "x12_outbox_waiting_idx" ON "x12_outbox" USING btree ("tenant_id","submitter","created_at") WHERE collected_at is null;--> statement-breakpoint
CREATE INDEX "x12_requests_case_idx" ON "x12_requests" USING btree ("tenant_id","case_id");