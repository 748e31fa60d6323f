import { PageHeader } from "#app/components/page-header.tsx";
import { useT } from "#app/i18n/index.ts";

export default function Page() {
  const t = useT();
  return (
    <PageHeader title={t("dragers.title")} intro={t("dragers.intro")}>
      <p>{t("page.comingSoon")}</p>
    </PageHeader>
  );
}
