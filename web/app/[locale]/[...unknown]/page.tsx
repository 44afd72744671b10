import { notFound } from "next/navigation";

// Every path no page matches: the 404 of ../not-found.tsx, inside the language's layout.
export default function UnknownPage() {
  notFound();
}
