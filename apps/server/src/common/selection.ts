import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** As graphql-js decides it: not under @skip(if: true), nor under @include(if: false). */
function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  const { variableValues } = info;
  return (
    getDirectiveValues(GraphQLSkipDirective, selection, variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, variableValues)?.if !== false
  );
}

/** The fields named `name` among `selections`, those of fragments included. */
function fieldsNamed(
  selections: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
): FieldNode[] {
  return (selections?.selections ?? []).flatMap((selection) => {
    if (!included(selection, info)) return [];
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    return fieldsNamed(fragment?.selectionSet, name, info);
  });
}

/**
 * Whether the operation asks, below the field being resolved, for the field at `path` (e.g.
 * `nodes`, `dependents`), so that a resolver can read it with its own rows. A field that
 * @skip or @include leaves out, or whose fragment they leave out, is not asked for.
 */
export function asksFor(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path)
    fields = fields.flatMap((field) => fieldsNamed(field.selectionSet, name, info));
  return fields.length > 0;
}
