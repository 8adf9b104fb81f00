// Slack's own webhook sender as its README uses it: new IncomingWebhook(url).send(payload), pointed at the app (HOOK_URL)
// with the payload of PAYLOAD (JSON). Prints what the server answered ("answer: ok"), or how it failed.
const { IncomingWebhook } = require("@slack/webhook");

new IncomingWebhook(process.env.HOOK_URL).send(JSON.parse(process.env.PAYLOAD))
  .then(result => console.log(`answer: ${result.text}`))
  .catch(error => console.log(`failed: ${error.statusCode ?? error.code} ${error.body ?? error.message}`));
