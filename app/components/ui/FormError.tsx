/**
 * A form's own error (not tied to one field), announced to screen readers. `id` is the form's errorId
 * (conform's `form.errorId`) so the form can point at it with aria-describedby.
 */
export function FormError({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p
      role="alert"
      id={id}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-700 dark:bg-red-950 dark:text-red-200"
    >
      {errors[0]}
    </p>
  );
}
