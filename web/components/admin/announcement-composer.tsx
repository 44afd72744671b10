"use client";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

// The two fields differ only in these; the limits are announcementBody's (web/lib/validation.ts).
const FIELDS = [
  { name: "title", label: "Announcement title", placeholder: "Title", maxLength: 200 },
  {
    name: "message",
    label: "Announcement message",
    placeholder: "What everyone should know",
    maxLength: 5000,
    multiline: true,
  },
] as const;
const EMPTY = { title: "", message: "" };

export function AnnouncementComposer({ onPosted }: { onPosted: () => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const { run, pending } = useAction(api.postAnnouncement, {
    success: "Announcement posted to everyone",
    onSuccess: () => {
      setDraft(EMPTY);
      onPosted();
    },
  });
  const title = draft.title.trim();
  const message = draft.message.trim();
  return (
    <Card title="Post an announcement">
      <Form className="space-y-3" testId="announcement-form" onSubmit={() => run(title, message)}>
        {FIELDS.map((field) => (
          <Field
            key={field.name}
            hideLabel
            required
            {...field}
            value={draft[field.name]}
            onValueChange={(value) => setDraft((d) => ({ ...d, [field.name]: value }))}
          />
        ))}
        <Button type="submit" disabled={pending || !title || !message}>
          {pending ? "Posting…" : "Post to everyone"}
        </Button>
      </Form>
    </Card>
  );
}
