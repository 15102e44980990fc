/** The ER functions, explained in the user's language (the pane's first version, kept as a view). */
import { Body1, Caption1, Card, CardHeader, Subtitle2 } from "@fluentui/react-components";
import { FUNCTIONS, NAMESPACE } from "../../functions/registry";
import { Formula, usePane, useStyles } from "./common";

export function FunctionsPanel() {
  const { t, locale } = usePane();
  const s = useStyles();
  const pick = (b: { en: string; zh: string }) => (locale === "zh-CN" ? b.zh : b.en);
  return (
    <div className={s.section}>
      <Body1>{t.intro}</Body1>
      <Subtitle2 as="h2">{t.functions}</Subtitle2>
      {FUNCTIONS.map((fn) => (
        <Card key={fn.id} size="small">
          <CardHeader
            header={<Formula text={`${NAMESPACE}.${fn.id}(${fn.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(",")})`} />}
            description={<Caption1>{pick(fn.description)}</Caption1>}
          />
          {fn.examples[0] && (
            <Caption1>
              <Formula text={fn.examples[0].formula} /> → {fn.examples[0].result}
            </Caption1>
          )}
        </Card>
      ))}
    </div>
  );
}
