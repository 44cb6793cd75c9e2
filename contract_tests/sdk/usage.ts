// A typed client's view of every API, checked by tsc against the types openapi-typescript
// generates (scripts/sdk): request bodies, responses and parameters must keep these shapes.
// No runtime: `fetch` is only declared, so nothing here needs a DOM or Node typings.
import type * as Chitter from "@sdk/chitter";
import type * as Bucketlist from "@sdk/bucketlist";
import type * as Things from "@sdk/things";
import type * as Cassie from "@sdk/cassie";
import type * as Peerly from "@sdk/peerly";
import type * as Service from "@sdk/service";

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

// Bucket list: register for a JWT, create a bucket, page its items.
const registration: Bucketlist.components["schemas"]["Registration"] = { email: "kay@example.com", password: "123456" };
const token: Bucketlist.components["schemas"]["AuthToken"] = call("POST", "/bucketlist/v1/auth/register", registration);
const jwt: string = token.auth_token;
const bucket: Bucketlist.components["schemas"]["SavedBucket"] = call("POST", "/bucketlist/v1/bucketlists", { name: "Travel" });
const bucketName: string = bucket.name;
const items: Bucketlist.components["schemas"]["ItemPage"] = call("GET", `/bucketlist/v1/bucketlists/${bucket.id}/items`);
const itemCount: number = items.count;

// Things: sign up, log in, keep a thing with attributes of its own.
const thingsUser: Things.components["schemas"]["NewUser"] = { username: "kay", password: "secret" };
const loggedIn: Things.components["schemas"]["LoggedIn"] = call("POST", "/things/login", thingsUser);
const thingsToken: string = loggedIn.token;
const thing: Things.components["schemas"]["Thing"] = call("POST", "/things/stuff", { name: "lamp", colour: "red" });
const thingId: number = thing.id;

// Cassie: the form-encoded sign-up steps and a castie.
const emailStep: Cassie.components["schemas"]["EmailForm"] = { email: "kay@example.com" };
const created: Cassie.components["schemas"]["UserCreated"] = call("POST", "/cassie/api/signup/password/", emailStep);
const cassieStatus: number = created.status;
const home: Cassie.components["schemas"]["Home"] = call("GET", "/cassie/api/home/");

// Peerly: Google login for a JWT, then a recognition.
const login: Peerly.components["schemas"]["GoogleLogin"] = { access_token: "google-token" };
const tokenData: Peerly.components["schemas"]["TokenData"] = call("POST", "/peerly/oauth/google", login);
const peerlyToken: string = tokenData.data.token;
const recognition: Peerly.components["schemas"]["Recognition"] = call("GET", "/peerly/recognitions/1");
const recognisedFor: number = recognition.given_for;

// Service: the health check answers "ok".
const health: Service.paths["/"]["get"]["responses"][200]["content"]["application/json"] = call("GET", "/health");
const up: "ok" = health.status;

export const used = [sessionKey, peepAuthor, peepPath, jwt, bucketName, itemCount, thingsToken, thingId,
  cassieStatus, home, peerlyToken, recognisedFor, up];
