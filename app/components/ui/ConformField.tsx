import type { InputHTMLAttributes } from "react";
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "./Field";

/**
 * A Field wired to one conform field: conform's id, name, key and value (what the visitor typed comes
 * back after a refused submit, except where the action hides it), and the field's first error beside it.
 */
export function ConformField<Schema>({
  label,
  meta,
  type,
  ...input
}: {
  label: string;
  meta: FieldMetadata<Schema, Record<string, unknown>, string[]>;
  type: "email" | "password" | "text";
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "defaultValue">) {
  const { key, ...props } = getInputProps(meta, { type });
  return <Field key={key} label={label} {...props} {...input} name={meta.name} error={meta.errors?.[0]} />;
}
