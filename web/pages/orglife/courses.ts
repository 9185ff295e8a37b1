import { api, call } from "../../api";

/** The catalogue's courses a meeting can take as its study material, by title. */
export const loadMaterials = () =>
  call(api.catalogue.$get({ query: { limit: "200", offset: "0" } })).then((p) =>
    p.items.map((c) => ({ id: c.id, label: c.title })),
  );
