// GET /api/docs – this API's reference as a plain HTML page, rendered from the OpenAPI document
import { route } from "@/server/http";
import { getOpenApiDocument } from "@/server/openapi/document";
import { renderApiDocs } from "@/server/openapi/html";

export const GET = route(
  async () =>
    new Response(renderApiDocs(getOpenApiDocument()), {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        // Inline styles only: no script, nothing loaded from anywhere.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      },
    }),
);
