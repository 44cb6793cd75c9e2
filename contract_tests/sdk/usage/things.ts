// Things' typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk things` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Things from "@sdk/things";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Things: sign up, log in, keep a thing with attributes of its own.
const thingsUser: Things.components["schemas"]["NewUser"] = { username: "kay", password: "secret" };
const loggedIn: Things.components["schemas"]["LoggedIn"] = call("POST", "/things/login", thingsUser);
const thingsToken: string = loggedIn.token;
const thing: Things.components["schemas"]["Thing"] = call("POST", "/things/stuff", { name: "lamp", colour: "red" });
const thingId: number = thing.id;

export const used = [thingsUser, loggedIn, thingsToken, thing, thingId];
