// Service's typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk service` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Service from "@sdk/service";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Service: the health check answers "ok".
const health: Service.paths["/"]["get"]["responses"][200]["content"]["application/json"] = call("GET", "/health");
const up: "ok" | "unavailable" = health.status;
const pending: number | null = health.pending_migrations;

export const used = [health, up, pending];
