import {
  BUILTIN_TYPES,
  groupVersionOf,
  PrinterColumn,
  ResourceType,
  typeKeyOf,
} from './resources';
import { KubeObject } from './types';

/** The types a cluster serves: the built-in ones plus those its CRDs define. */
export class TypeRegistry {
  private readonly types = new Map<string, ResourceType>();
  private readonly customByCrd = new Map<string, ResourceType[]>();

  constructor() {
    for (const type of BUILTIN_TYPES) {
      this.types.set(`${groupVersionOf(type)}/${type.plural}`, type);
    }
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Finds a type by group, version and plural, as a request path names it. */
  find(group: string, version: string, plural: string) {
    return this.types.get(`${group ? `${group}/` : ''}${version}/${plural}`);
  }

  /** The storage key of a type whatever its version. */
  findByTypeKey(typeKey: string) {
    return this.all().find(t => typeKeyOf(t) === typeKey);
  }

  findByKind(apiVersion: string, kind: string) {
    return this.all().find(
      t => groupVersionOf(t) === apiVersion && t.kind === kind,
    );
  }

  /** Serves the versions a CustomResourceDefinition declares, replacing earlier ones. */
  defineFromCrd(crd: KubeObject): ResourceType[] {
    this.forgetCrd(crd.metadata.name!);
    const spec = crd.spec as any;
    const defined: ResourceType[] = (spec.versions ?? [])
      .filter((v: any) => v.served !== false)
      .map(
        (v: any): ResourceType => ({
          group: spec.group,
          version: v.name,
          kind: spec.names.kind,
          plural: spec.names.plural,
          singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
          namespaced: spec.scope === 'Namespaced',
          shortNames: spec.names.shortNames,
          categories: spec.names.categories,
          subresources: [
            ...(v.subresources?.status ? (['status'] as const) : []),
            ...(v.subresources?.scale ? (['scale'] as const) : []),
          ],
          custom: {
            crdName: crd.metadata.name!,
            printerColumns: (v.additionalPrinterColumns ??
              []) as PrinterColumn[],
            scale: v.subresources?.scale,
            schema: v.schema?.openAPIV3Schema,
          },
        }),
      );
    for (const type of defined) {
      this.types.set(`${groupVersionOf(type)}/${type.plural}`, type);
    }
    this.customByCrd.set(crd.metadata.name!, defined);
    return defined;
  }

  forgetCrd(crdName: string) {
    for (const type of this.customByCrd.get(crdName) ?? []) {
      this.types.delete(`${groupVersionOf(type)}/${type.plural}`);
    }
    this.customByCrd.delete(crdName);
  }

  /** Group name to the versions it serves, core group first, in a stable order. */
  groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const type of this.all()) {
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return groups;
  }
}
