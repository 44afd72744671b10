// GET|POST /api/auth/* – Auth.js v5 standard routes (csrf, session, callback/credentials, signout)
import { handlers } from "@/server/auth";

export const { GET, POST } = handlers;
