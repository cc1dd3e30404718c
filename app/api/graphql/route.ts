// /api/graphql: the automations API (docs/api.md), GraphQL Yoga in a route handler.
import { createApiServer } from "@/lib/graphql/yoga";
import { routeDb } from "@/lib/webhooks/route-db";

// Created on the first request, so neither the build nor an import reads the environment.
let server: ReturnType<typeof createApiServer> | undefined;

function handle(request: Request): Promise<Response> {
  server ??= createApiServer({ db: async () => (await routeDb()).db });
  return Promise.resolve(server.handle(request, {}));
}

export { handle as GET, handle as POST, handle as OPTIONS };
