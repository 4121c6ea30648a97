import { z } from "zod";
import { type ButlerVolmer, butlerVolmer, butlerVolmerSchema } from "./butlerVolmer.js";
import type { KineticsLaw } from "./law.js";
import { type Linear, linear, linearSchema } from "./linear.js";
import { type MarcusHushChidsey, marcusHushChidsey, marcusHushChidseySchema } from "./marcusHushChidsey.js";
import { type Primary, primary, primarySchema } from "./primary.js";
import { type Tafel, tafel, tafelSchema } from "./tafel.js";

/**
 * The scenario's kinetics block and the core's kinetics type are one thing: the schema's output,
 * tagged by `type` with the same string in both ("butler-volmer").
 */
export const kineticsSchema = z
  .discriminatedUnion("type", [
    primarySchema,
    linearSchema,
    butlerVolmerSchema,
    tafelSchema,
    marcusHushChidseySchema,
  ])
  .meta({
    description:
      "Interface kinetics: primary, linear (ASR), Butler-Volmer with stress (Xie2024 eqs 8-9), Tafel or Marcus-Hush-Chidsey (Zeng2014)",
  });

export type Kinetics = z.output<typeof kineticsSchema>;
export type KineticsType = Kinetics["type"];
export type { ButlerVolmer, Linear, MarcusHushChidsey, Primary, Tafel };

/** Every law by its tag: a new member of the union is a compile error here until its record exists. */
const LAWS: { readonly [T in KineticsType]: KineticsLaw<Extract<Kinetics, { type: T }>> } = {
  primary,
  linear,
  "butler-volmer": butlerVolmer,
  tafel,
  "marcus-hush-chidsey": marcusHushChidsey,
};

export function lawOf<K extends Kinetics>(k: K): KineticsLaw<K> {
  return LAWS[k.type as KineticsType] as unknown as KineticsLaw<K>;
}

export const kineticsTypes = Object.keys(LAWS) as KineticsType[];

/** "Butler-Volmer at i/i_ex = 100": how messages name a law and how hard it is driven. */
export function describeDrive(k: Kinetics, current_A_m2: number): string {
  const law = lawOf(k);
  const exchange = law.exchangeCurrent(k);
  if (exchange === null || !Number.isFinite(exchange)) return `${law.title} kinetics`;
  return `${law.title} kinetics at i/i_ex = ${Number((Math.abs(current_A_m2) / exchange).toPrecision(3))}`;
}
