"use client";
import { useState } from "react";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export function AnnouncementComposer({ onPosted }: { onPosted: () => void }) {
  const { run, pending } = useAction(api.postAnnouncement);
  const [title, setTitle] = useState("");
  const [message, setMessage] = useState("");
  return (
    <Card title="Post an announcement">
      <form
        className="space-y-3"
        data-testid="announcement-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await run(title.trim(), message.trim())) {
            toast.success("Announcement posted to everyone");
            setTitle("");
            setMessage("");
            onPosted();
          }
        }}
      >
        <input
          className={inputClass}
          name="title"
          placeholder="Title"
          maxLength={200}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-label="Announcement title"
        />
        <textarea
          className={`${inputClass} min-h-20`}
          name="message"
          placeholder="What everyone should know"
          maxLength={5000}
          required
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-label="Announcement message"
        />
        <Button type="submit" disabled={pending || !title.trim() || !message.trim()}>
          {pending ? "Posting…" : "Post to everyone"}
        </Button>
      </form>
    </Card>
  );
}
