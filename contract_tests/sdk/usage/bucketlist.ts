// Bucket list's typed client view, checked by tsc against the types openapi-typescript generates
// (scripts/sdk): request bodies, responses and parameters must keep these shapes. One file per
// API, so `scripts/sdk bucketlist` checks only what it generated. No runtime: `fetch` is only
// declared, so nothing here needs a DOM or Node typings.
import type * as Bucketlist from "@sdk/bucketlist";

declare function call<Body, Answer>(method: string, path: string, body?: Body): Answer;

// Bucket list: register for a JWT, create a bucket, page its items.
const registration: Bucketlist.components["schemas"]["Registration"] = { email: "kay@example.com", password: "123456" };
const token: Bucketlist.components["schemas"]["AuthToken"] = call("POST", "/bucketlist/v1/auth/register", registration);
const jwt: string = token.auth_token;
const bucket: Bucketlist.components["schemas"]["SavedBucket"] = call("POST", "/bucketlist/v1/bucketlists", { name: "Travel" });
const bucketName: string = bucket.name;
const items: Bucketlist.components["schemas"]["ItemPage"] = call("GET", `/bucketlist/v1/bucketlists/${bucket.id}/items`);
const itemCount: number = items.count;

export const used = [registration, token, jwt, bucket, bucketName, items, itemCount];
