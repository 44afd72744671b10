"use client";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { useLocale } from "next-intl";
import { api } from "@/lib/api-client";
import { paymentFormSchema } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";
import { useFormat } from "@/hooks/use-format";
import { centsToAmountText } from "@/lib/format";
import { useLatest } from "@/hooks/use-latest";
import { COURSES_KEY, useCourses } from "@/hooks/data/use-courses";
import { useMutateResource } from "@/hooks/data/use-mutate-resource";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DisabledReason, FormMessage, SelectInput, TextField } from "@/components/ui/form-field";

type Values = { courseId: string; amount: string };

/**
 * "Make a payment": one of the student's courses and an amount typed in dollars, at most what
 * is due for it (shown). Every problem is said next to its field, the server's too.
 */
export function PaymentForm({ onSubmitted }: { onSubmitted: () => void }) {
  const t = useTranslations("student.payment");
  const f = useFormat();
  const { data: courses = [] } = useCourses();
  const mutateResource = useMutateResource();
  const mine = courses.filter((c) => c.enrolled);
  const dueOf = (courseId: string) => mine.find((c) => c.id === courseId)?.amountDueCents ?? null;
  // One schema for the form's life, asking the latest course list what is due.
  const latestDue = useLatest(dueOf);
  const locale = useLocale();
  const [schema] = useState(() => paymentFormSchema((id) => latestDue.current(id), locale));
  const form = useForm<Values, unknown, { courseId: string; amountCents: number }>({
    resolver: zodResolver(schema),
    defaultValues: { courseId: "", amount: "" },
  });
  const fields = { courseId: form.register("courseId"), amount: form.register("amount") };
  const server = useServerErrors(form, { courseId: "courseId", amountCents: "amount" });
  const picked = useWatch({ control: form.control, name: "courseId" }) || mine[0]?.id || "";
  const course = mine.find((c) => c.id === picked);
  const reasonId = useId();
  const { isSubmitting, errors } = form.formState;

  const amountDue = (title: string, cents: number) =>
    t.rich("amountDue", {
      course: title,
      amount: f.money(cents),
      strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
    });

  const disabledReason =
    mine.length === 0
      ? t("notEnrolled")
      : course?.amountDueCents === 0
        ? t("nothingDue", { course: course.title })
        : undefined;

  const submit = form.handleSubmit(async (payment) => {
    server.clear();
    try {
      await api.submitPayment(payment.courseId, payment.amountCents);
    } catch (error) {
      server.show(error);
      // What is due may have changed elsewhere (another tab, an approval): show it as it is now.
      void mutateResource(COURSES_KEY);
      return;
    }
    toast.success(t("submitted", { amount: f.money(payment.amountCents) }));
    form.reset({ courseId: payment.courseId, amount: "" });
    void mutateResource(COURSES_KEY);
    onSubmitted();
  });

  return (
    <Card title={t("title")} id="make-payment">
      <form
        noValidate
        onSubmit={(event) => {
          // The select shows the first course until one is picked: submit what it shows.
          if (!form.getValues("courseId") && picked) form.setValue("courseId", picked);
          void submit(event);
        }}
        className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start"
        data-testid="payment-form"
      >
        <SelectInput
          label={t("course")}
          {...fields.courseId}
          value={picked}
          options={mine.map((c) => ({ value: c.id, label: c.title }))}
          error={errors.courseId?.message}
          hint={
            course &&
            (course.amountDueCents === null
              ? undefined
              : t("hint", {
                  price: f.money(course.priceCents),
                  due: f.money(course.amountDueCents),
                }))
          }
          testId="payment-course"
        />
        <TextField
          label={t("amount")}
          inputMode="decimal"
          autoComplete="off"
          placeholder={centsToAmountText(course?.amountDueCents || 4_990, locale)}
          {...fields.amount}
          error={errors.amount?.message}
          testId="payment-amount"
        />
        <div className="space-y-1 sm:pt-5">
          <Button
            type="submit"
            className="w-full sm:w-auto"
            disabled={isSubmitting || disabledReason !== undefined}
            aria-describedby={disabledReason ? reasonId : undefined}
          >
            {isSubmitting ? t("submitting") : t("submit")}
          </Button>
        </div>
        <div className="sm:col-span-3">
          <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
          <FormMessage error={server.message} />
        </div>
      </form>
      {course && course.amountDueCents !== null && (
        <p className="mt-3 text-sm text-slate-700" data-testid="amount-due">
          {amountDue(course.title, course.amountDueCents)}
        </p>
      )}
    </Card>
  );
}
