// Any method on an /api path no route serves, /api itself included: 404 `not_found` in JSON,
// after the checks every API request passes (server/api-gate.ts). With a route behind every /api
// path, Next never takes a request there for a page's form post.
import { errorResponse, gated } from "@/server/http";

const notFound = gated(async () => errorResponse(404, "not_found", "No API route has this path"));

export {
  notFound as GET,
  notFound as HEAD,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
