// POST /api/admin/users/import – an admin imports users from a CSV file (email,name,role)
import { json, readBodyBytes, readQuery, requestOrigin, requireUser, route } from "@/server/http";
import { importUsers } from "@/server/services/user-import";
import { userImportQuery } from "@/lib/admin-validation";

/** An import file may be larger than the API's usual 64 KB. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const POST = route(
  async (request) => {
    await requireUser("ADMIN");
    const { dryRun } = readQuery(request, userImportQuery);
    const bytes = await readBodyBytes(request, MAX_IMPORT_BYTES);
    return json(await importUsers(bytes, { dryRun, origin: requestOrigin(request) }));
  },
  { maxBodyBytes: MAX_IMPORT_BYTES, accepts: ["csv"] },
);
