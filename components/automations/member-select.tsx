"use client";
// A workspace member for `${path}.userId` (a recipient, or an owner fallback), from the form's member list.

import { useFormContext } from "react-hook-form";
import { Field, Select } from "@/components/ui/field";
import { useFieldState, useMembers } from "./form-helpers";

export function MemberSelect({ path, label }: { path: string; label: string }) {
  const { register } = useFormContext();
  const members = useMembers();
  const member = useFieldState(`${path}.userId`);
  return (
    <Field id={member.id} label={label} error={member.error}>
      <Select {...member.inputProps} {...register(`${path}.userId`)}>
        <option value="">Choose a member</option>
        {members.map((option) => (
          <option key={option.userId} value={option.userId}>
            {option.email}
            {option.role === "admin" ? " (admin)" : ""}
          </option>
        ))}
      </Select>
    </Field>
  );
}
