import { createSchema } from "graphql-yoga";
import type { ApiContext } from "./context";
import { resolvers } from "./resolvers";
import { typeDefs } from "./type-defs";

export const apiSchema = createSchema<ApiContext>({ typeDefs, resolvers });
