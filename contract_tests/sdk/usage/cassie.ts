// Cassie's typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk cassie` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Cassie from "@sdk/cassie";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Cassie: the form-encoded sign-up steps and a castie.
const emailStep: Cassie.components["schemas"]["EmailForm"] = { email: "kay@example.com" };
const created: Cassie.components["schemas"]["UserCreated"] = call("POST", "/cassie/api/signup/password/", emailStep);
const cassieStatus: number = created.status;
const home: Cassie.components["schemas"]["Home"] = call("GET", "/cassie/api/home/");

export const used = [emailStep, created, cassieStatus, home];
