"use client";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { useCourses } from "@/hooks/data/use-courses";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** Amount typed as dollars ("49.90") to whole cents, or null when it is not a positive amount. */
function parseAmount(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return null;
  const cents = Math.round(Number(text) * 100);
  return cents > 0 ? cents : null;
}

export function PaymentForm({ onSubmitted }: { onSubmitted: () => void }) {
  const { data: courses = [] } = useCourses();
  const [courseId, setCourseId] = useState("");
  const [amount, setAmount] = useState("");
  const { run, pending } = useAction(api.submitPayment, {
    success: "Payment submitted for review",
    onSuccess: () => {
      setAmount("");
      onSubmitted();
    },
  });
  const selected = courseId || courses.find((c) => c.enrolled)?.id || courses[0]?.id || "";
  const cents = parseAmount(amount);
  return (
    <Card title="Make a payment">
      <Form
        className="flex flex-wrap items-end gap-3"
        testId="payment-form"
        onSubmit={() => cents !== null && run(selected, cents)}
      >
        <SelectField
          label="Course"
          className="min-w-48 flex-1"
          name="courseId"
          value={selected}
          onValueChange={setCourseId}
          options={courses.map((c) => ({ value: c.id, label: c.title }))}
        />
        <Field
          label="Amount (USD)"
          className="w-36"
          name="amount"
          inputMode="decimal"
          placeholder="49.90"
          value={amount}
          onValueChange={setAmount}
          aria-invalid={amount !== "" && cents === null}
        />
        <Button type="submit" disabled={pending || cents === null || !selected}>
          {pending ? "Submitting…" : "Submit payment"}
        </Button>
      </Form>
    </Card>
  );
}
