import type { FormHTMLAttributes } from "react";

/**
 * A form that is handled in the page: the browser's submit is prevented and `onSubmit` gets the
 * form's fields.
 */
export function Form({
  onSubmit,
  testId,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & {
  onSubmit: (fields: FormData) => unknown;
  testId?: string;
}) {
  return (
    <form
      {...props}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(new FormData(event.currentTarget));
      }}
    />
  );
}
