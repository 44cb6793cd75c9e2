// Chitter's typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk chitter` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Chitter from "@sdk/chitter";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Chitter: sign up, log in, peep, read the key's user back.
type ChitterOps = Chitter.operations;
const newUser: ChitterOps["users.create_user"]["requestBody"]["content"]["application/json"] = {
  user: { handle: "kay", password: "mypassword" },
};
const session = call<typeof newUser, Chitter.components["schemas"]["Session"]>("POST", "/chitter/sessions", newUser);
const sessionKey: string = session.session_key;
const peep: Chitter.components["schemas"]["Peep"] = call("POST", "/chitter/peeps", {
  peep: { user_id: session.user_id, body: "my first peep :)" },
});
const peepAuthor: string = peep.user.handle;
const peepPath: ChitterOps["peeps.get_peep"]["parameters"]["path"] = { id: peep.id };

export const used = [newUser, session, sessionKey, peep, peepAuthor, peepPath];
