// Peerly's typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk peerly` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Peerly from "@sdk/peerly";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Peerly: Google login for a JWT, then a recognition.
const login: Peerly.components["schemas"]["GoogleLogin"] = { access_token: "google-token" };
const tokenData: Peerly.components["schemas"]["TokenData"] = call("POST", "/peerly/oauth/google", login);
const peerlyToken: string = tokenData.data.token;
const recognition: Peerly.components["schemas"]["Recognition"] = call("GET", "/peerly/recognitions/1");
const recognisedFor: number = recognition.given_for;

export const used = [login, tokenData, peerlyToken, recognition, recognisedFor];
