"use client";
import { useState } from "react";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { useCourses } from "@/hooks/data/use-courses";
import { Button, inputClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Amount typed as dollars ("49.90") to whole cents, or null when it is not a positive amount. */
export function parseAmount(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return null;
  const cents = Math.round(Number(text) * 100);
  return cents > 0 ? cents : null;
}

export function PaymentForm({ onSubmitted }: { onSubmitted: () => void }) {
  const { data: courses = [] } = useCourses();
  const { run, pending } = useAction(api.submitPayment);
  const [courseId, setCourseId] = useState("");
  const [amount, setAmount] = useState("");
  const selected = courseId || courses.find((c) => c.enrolled)?.id || courses[0]?.id || "";
  const cents = parseAmount(amount);
  return (
    <Card title="Make a payment">
      <form
        className="flex flex-wrap items-end gap-3"
        data-testid="payment-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (cents === null) return;
          if (await run(selected, cents)) {
            toast.success("Payment submitted for review");
            setAmount("");
            onSubmitted();
          }
        }}
      >
        <label className="min-w-48 flex-1">
          <span className="text-xs text-slate-500">Course</span>
          <select
            className={inputClass}
            value={selected}
            onChange={(e) => setCourseId(e.target.value)}
            name="courseId"
          >
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="w-36">
          <span className="text-xs text-slate-500">Amount (USD)</span>
          <input
            className={inputClass}
            name="amount"
            inputMode="decimal"
            placeholder="49.90"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={amount !== "" && cents === null}
          />
        </label>
        <Button type="submit" disabled={pending || cents === null || !selected}>
          {pending ? "Submitting…" : "Submit payment"}
        </Button>
      </form>
    </Card>
  );
}
