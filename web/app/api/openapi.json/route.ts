// GET /api/openapi.json – this API's OpenAPI 3.1 document, generated from the routes' zod schemas
import { json, route } from "@/server/http";
import { getOpenApiDocument } from "@/server/openapi/document";

export const GET = route(async () => json(getOpenApiDocument()));
