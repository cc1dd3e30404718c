// /api/graphql: the automations API (docs/api.md), GraphQL Yoga in a route handler.
import { createApiServer } from "@/lib/graphql/yoga";
import { routeDb } from "@/lib/webhooks/route-db";

const server = createApiServer({ db: async () => (await routeDb()).db });

function handle(request: Request): Promise<Response> {
  return Promise.resolve(server.handle(request, {}));
}

export { handle as GET, handle as POST, handle as OPTIONS };
