// The GraphQL server: GraphQL Yoga on the fetch API, with the API's safety rules in one place:
// authentication and rate limit before execution, CSRF prevention for cookie requests, depth, cost
// and alias limits, a body limit, introspection only in development (or GRAPHQL_INTROSPECTION=1),
// and every error reduced to the closed set of codes with no stack in production.

import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { NoSchemaIntrospectionCustomRule, type ExecutionResult, type GraphQLError, type ValidationContext } from "graphql";
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { authenticateRequest, bearerToken } from "./authenticate-request";
import { createApiContext, type ApiContext } from "./context";
import { apiError, isApiErrorCode, toApiError } from "./errors";
import { RateLimiter } from "./rate-limit";
import { apiSchema } from "./schema";

export const GRAPHQL_PATH = "/api/graphql";
export const MAX_BODY_BYTES = 256 * 1024;
// Our types do not nest: only introspection's ofType chains go deep (GraphiQL's own query reaches 13).
export const MAX_DEPTH = 15;
// armor's weights (object 2, scalar 1, ×1.5 per level): a full list with runs costs about 90, the whole catalog 60.
export const MAX_COST = 400;
export const MAX_ALIASES = 15;

/** Limits are reported as validation errors (a thrown one would escape Yoga's error handling). */
const REPORT_LIMITS = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export type YogaOptions = { db: () => Promise<Db>; introspection?: boolean; limiter?: RateLimiter };

/** Yoga's CSRF prevention, for requests that authenticate with the cookie (a bearer token cannot be forged by a page). */
function useCookieCsrfPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] });
  return {
    onRequestParse(payload) {
      if (bearerToken(payload.request) !== null) return;
      return csrf.onRequestParse?.(payload);
    },
  };
}

function useIntrospection(enabled: boolean): Plugin {
  return {
    onValidate({ addValidationRule }) {
      if (!enabled) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** Errors Yoga adds after masking (parse and validation results) get a code from the set too. */
function useClosedErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== "object" || !("errors" in result) || !result.errors) return;
      const typed = result as ExecutionResult;
      if (typed.errors!.every((error) => isApiErrorCode(error.extensions?.code))) return;
      setResult({ ...typed, errors: typed.errors!.map((error) => (isApiErrorCode(error.extensions?.code) ? error : toApiError(error))) });
    },
  };
}

/** A save's warnings go beside the data, as `extensions.warnings: [{ path, message }]`. */
function useWarnings(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const warnings = (args.contextValue as Partial<ApiContext>).warnings;
          if (!warnings || warnings.length === 0 || Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({ ...single, extensions: { ...single.extensions, warnings } });
        },
      };
    },
  };
}

export function createApiServer(options: YogaOptions): YogaServerInstance<object, ApiContext> {
  const e = env();
  const development = e.NODE_ENV !== "production";
  const introspection = options.introspection ?? (development || e.GRAPHQL_INTROSPECTION);
  const limiter = options.limiter ?? new RateLimiter();

  return createYoga<object, ApiContext>({
    schema: apiSchema,
    graphqlEndpoint: GRAPHQL_PATH,
    fetchAPI: { Response },
    graphiql: introspection ? { title: "CRM automations API", headers: JSON.stringify({ "x-graphql-yoga-csrf": "1" }) } : false,
    landingPage: false,
    // No CORS headers: Yoga's default reflects any origin with credentials, which would let another
    // site's page send the user's cookie with a JSON request. Scripts and servers do not need CORS.
    cors: false,
    maxRequestBodySize: MAX_BODY_BYTES,
    logging: development ? "warn" : "error",
    // Resolver errors become a closed code here; anything unknown is logged and answered as INTERNAL.
    maskedErrors: { maskError: (error) => toApiError(error), isDev: false },
    context: async ({ request }) => {
      const db = await options.db();
      const principal = await authenticateRequest(db, request);
      const retryAfter = limiter.take(principal.limitKey);
      if (retryAfter > 0) {
        throw apiError("RATE_LIMITED", `Too many requests: at most 600 a minute. Retry in ${retryAfter} s.`, {
          http: { status: 429, headers: { "Retry-After": String(retryAfter) } },
        });
      }
      return createApiContext(db, principal);
    },
    plugins: [
      useCookieCsrfPrevention(),
      useIntrospection(introspection),
      maxDepthPlugin({ n: MAX_DEPTH, ignoreIntrospection: false, ...REPORT_LIMITS }),
      costLimitPlugin({ maxCost: MAX_COST, ignoreIntrospection: true, ...REPORT_LIMITS }),
      maxAliasesPlugin({ n: MAX_ALIASES, ...REPORT_LIMITS }),
      useClosedErrorCodes(),
      useWarnings(),
    ],
  });
}
