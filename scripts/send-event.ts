// npm run send-event -- --url <endpoint> --secret <whsec_…> [options]: posts a signed sample event
// (a deal moved to a stage) to a webhook source, or with --print shows the equivalent curl command.
import { parseArgs } from "node:util";
import { sampleNativeEvent, sampleSupabaseEvent, signedDelivery } from "@/lib/webhooks/sample-event";

const USAGE = `Usage: npm run send-event -- --url <endpoint URL> --secret <whsec_…> [options]

  --stage <stage>           the deal's new stage (default: negotiation)
  --previous-stage <stage>  the stage it left (default: proposal)
  --owner <crm user id>     the deal's owner_id (default: crm-member)
  --deal <id>               the deal id (default: D-<random>)
  --title <text>            the deal title (default: Acme renewal)
  --amount <number>         the deal amount (default: 12000)
  --id <webhook-id>         the message id; reuse one to see deduplication (default: msg_<random>)
  --format native|supabase  payload format of the source (default: native)
  --depth <n> --automation-id <id>   add causation (loop protection stops depth > 3)
  --print                   print a curl command instead of posting

The URL and secret are on the Webhooks settings page, or in: npm run --silent seed -- --json`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const OPTIONS = {
  url: { type: "string" },
  secret: { type: "string" },
  stage: { type: "string", default: "negotiation" },
  "previous-stage": { type: "string", default: "proposal" },
  owner: { type: "string", default: "crm-member" },
  deal: { type: "string" },
  title: { type: "string" },
  amount: { type: "string" },
  id: { type: "string" },
  format: { type: "string", default: "native" },
  depth: { type: "string" },
  "automation-id": { type: "string" },
  print: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The options, or usage and exit 2 for an unknown option, a missing value or a stray argument. */
function readOptions() {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

const values = readOptions();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.url || !/^https?:\/\//.test(values.url)) fail("--url is required (http:// or https://)");
if (!values.secret) fail("--secret is required");
if (values.format !== "native" && values.format !== "supabase") fail("--format must be native or supabase");
const amount = values.amount === undefined ? undefined : Number(values.amount);
if (amount !== undefined && !Number.isFinite(amount)) fail("--amount must be a number");
const depth = values.depth === undefined ? undefined : Number(values.depth);
if (depth !== undefined && !Number.isInteger(depth)) fail("--depth must be a whole number");

const now = new Date();
const random = crypto.randomUUID().slice(0, 8);
const options = {
  stage: values.stage,
  previousStage: values["previous-stage"],
  owner: values.owner!,
  dealId: values.deal ?? `D-${random}`,
  title: values.title,
  amount,
  causation: depth === undefined ? undefined : { automationId: values["automation-id"] ?? "external", depth },
};
const body = values.format === "supabase" ? sampleSupabaseEvent(options, now) : sampleNativeEvent(options, now);
const delivery = signedDelivery({ format: values.format, secret: values.secret, body, id: values.id ?? `msg_${random}`, now });

if (values.print) {
  const headers = Object.entries(delivery.headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)} \\`);
  console.log([`curl -sS -X POST ${shellQuote(values.url)} \\`, ...headers, `  --data-raw ${shellQuote(delivery.body)}`].join("\n"));
  if (values.format === "native") console.error("(the signature is valid for 5 minutes: webhook-timestamp is now)");
  process.exit(0);
}

try {
  const response = await fetch(values.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  console.log(`${response.status} ${response.statusText}`);
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`could not reach ${values.url}: ${(error as Error).message}`);
  process.exit(1);
}
