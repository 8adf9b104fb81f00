// A Web Push push service (RFC 8030) for the Web Push tests, on 127.0.0.1 at a random port; prints
// "listening http://127.0.0.1:PORT". POST /control/subscribe makes a subscription as a browser would (P-256 key pair,
// auth secret) and answers its PushSubscription.toJSON(); POST /control/ID {"status":410,"retryAfter":"2"} or
// {"hang":true} sets how that endpoint answers ({"status":201} resets). Each POST /push/ID is checked (VAPID, RFC 8292),
// decrypted with http_ece (aes128gcm, RFC 8291), printed as "push {...}" and kept for GET /control/received
// (DELETE clears it). Unknown ids get 404; a hanging endpoint never answers.
const http = require("http");
const crypto = require("crypto");
const ece = require("http_ece");

const subscriptions = new Map(); // id -> { ecdh, auth, status, retryAfter, hang }
const received = [];
let origin; // http://127.0.0.1:PORT, the audience VAPID tokens must name

const base64url = bytes => Buffer.from(bytes).toString("base64url");

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", chunk => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, { ...headers, ...(text && { "Content-Type": "application/json" }) });
  response.end(text);
}

// RFC 8292: "Authorization: vapid t=<JWT>, k=<public key>". Fills in what the token says; returns what is wrong, or null.
function vapidError(authorization, vapid) {
  const scheme = /^vapid\s+(.*)$/i.exec(authorization ?? "");
  if (!scheme) return "no 'Authorization: vapid t=..., k=...' header";
  const params = Object.fromEntries([...scheme[1].matchAll(/(\w+)\s*=\s*([^,\s]+)/g)].map(([, name, value]) => [name.toLowerCase(), value]));
  if (!params.t || !params.k) return "the vapid header lacks t or k";
  vapid.k = params.k;
  const [headerPart, claimsPart, signaturePart, ...rest] = params.t.split(".");
  if (!signaturePart || rest.length) return "t is not a JWT (header.claims.signature)";
  const header = JSON.parse(Buffer.from(headerPart, "base64url"));
  const claims = JSON.parse(Buffer.from(claimsPart, "base64url"));
  Object.assign(vapid, { aud: claims.aud ?? null, sub: claims.sub ?? null, exp: claims.exp ?? null });
  if (header.alg !== "ES256") return `the JWT's alg is ${JSON.stringify(header.alg)}, not ES256`;

  // k is the application server's uncompressed P-256 point (0x04 || x || y); as a JWK it is a public key.
  const point = Buffer.from(params.k, "base64url");
  if (point.length !== 65 || point[0] !== 4) return "k is not an uncompressed P-256 public key";
  const jwk = { kty: "EC", crv: "P-256", x: base64url(point.subarray(1, 33)), y: base64url(point.subarray(33)) };
  const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
  const signed = Buffer.from(`${headerPart}.${claimsPart}`);
  if (!crypto.verify("sha256", signed, { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signaturePart, "base64url")))
    return "the JWT's signature does not verify against k";

  const now = Date.now() / 1000;
  if (claims.aud !== origin) return `aud is ${JSON.stringify(claims.aud)}, not ${origin}`;
  if (typeof claims.exp !== "number" || claims.exp <= now) return "exp is not in the future";
  if (claims.exp > now + 24 * 60 * 60) return "exp is more than 24 hours ahead";
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) return "sub is not a mailto: or https: URI";
  return null;
}

function checkVapid(authorization) {
  const vapid = { valid: false, error: null, aud: null, sub: null, exp: null, k: null };
  try { vapid.error = vapidError(authorization, vapid); } catch (error) { vapid.error = `unreadable token: ${error.message}`; }
  vapid.valid = vapid.error === null;
  return vapid;
}

async function push(request, response, id) {
  const body = await readBody(request);
  const subscription = subscriptions.get(id);
  const record = {
    id, at: Date.now(), ttl: request.headers["ttl"] ?? null, urgency: request.headers["urgency"] ?? null,
    topic: request.headers["topic"] ?? null, contentEncoding: request.headers["content-encoding"] ?? null,
    vapid: checkVapid(request.headers["authorization"]), payload: null, decryptError: null, status: null,
  };
  if (!subscription) record.decryptError = "no such subscription";
  else if (body.length > 0) {
    try {
      // http_ece reads the sender's public key from the aes128gcm header (keyid) and derives the key with ours.
      const plain = ece.decrypt(body, { version: "aes128gcm", privateKey: subscription.ecdh, authSecret: subscription.auth });
      record.payload = plain.toString("utf8");
    } catch (error) { record.decryptError = error.message; }
  }
  record.status = !subscription ? 404 : subscription.hang ? null : subscription.status;
  received.push(record);
  console.log(`push ${JSON.stringify(record)}`);

  if (!subscription) return answer(response, 404);
  if (subscription.hang) return; // keep the socket open and never answer
  const headers = {};
  if (subscription.status === 201) headers["Location"] = `${origin}/message/${crypto.randomBytes(8).toString("hex")}`;
  if (subscription.retryAfter != null) headers["Retry-After"] = String(subscription.retryAfter);
  answer(response, subscription.status, undefined, headers);
}

async function control(request, response, name) {
  if (name === "received" && request.method === "GET") return answer(response, 200, received);
  if (name === "received" && request.method === "DELETE") { received.length = 0; return answer(response, 204); }
  if (request.method !== "POST") return answer(response, 405);
  if (name === "subscribe") {
    const id = crypto.randomBytes(12).toString("hex");
    const ecdh = crypto.createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = crypto.randomBytes(16);
    subscriptions.set(id, { ecdh, auth, status: 201, retryAfter: null, hang: false });
    return answer(response, 200, { endpoint: `${origin}/push/${id}`, keys: { p256dh: base64url(ecdh.getPublicKey()), auth: base64url(auth) } });
  }
  const subscription = subscriptions.get(name);
  if (!subscription) return answer(response, 404);
  const settings = JSON.parse((await readBody(request)).toString("utf8") || "{}");
  subscription.status = settings.status ?? 201;
  subscription.retryAfter = settings.retryAfter ?? null;
  subscription.hang = settings.hang === true;
  answer(response, 204);
}

async function route(request, response) {
  const [, area, name] = new URL(request.url, origin).pathname.split("/");
  if (area === "push" && name && request.method === "POST") return push(request, response, name);
  if (area === "control" && name) return control(request, response, name);
  answer(response, 404);
}

// A failing handler is logged and answered 500; it never takes the process down.
const server = http.createServer((request, response) => route(request, response).catch(error => {
  console.error(`failed: ${request.method} ${request.url}: ${error.stack ?? error}`);
  if (!response.headersSent) answer(response, 500, { error: String(error.message ?? error) });
}));
server.listen(0, "127.0.0.1", () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  console.log(`listening ${origin}`);
});
