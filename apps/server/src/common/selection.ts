import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields named `name` among `selections`, those of fragments included. */
function fieldsNamed(
  selections: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
): FieldNode[] {
  return (selections?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    return fieldsNamed(fragment?.selectionSet, name, info);
  });
}

/**
 * Whether the operation asks, below the field being resolved, for the field at `path` (e.g.
 * `nodes`, `dependents`), so that a resolver can read it with its own rows. @skip and
 * @include are not read: a skipped field is read for nothing, never missed.
 */
export function asksFor(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path)
    fields = fields.flatMap((field) => fieldsNamed(field.selectionSet, name, info));
  return fields.length > 0;
}
