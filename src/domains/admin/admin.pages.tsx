import type { ComponentChildren } from "preact";
import type { AppError } from "../../platform/errors.ts";
import { hasPermission, type Permission } from "../../platform/permissions.ts";
import { Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

export interface Crumb {
  href: string;
  label: string;
}

/** The site layout with a trail back to the admin dashboard, so every admin page is one step from it. */
export function AdminLayout({
  ctx,
  title,
  crumbs = [],
  children,
}: {
  ctx: PageContext;
  title: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  const trail = [{ href: "/admin", label: ctx.t("admin.title") }, ...crumbs];
  return (
    <Layout ctx={ctx} title={title}>
      <nav class="breadcrumbs" aria-label={ctx.t("admin.breadcrumbs")}>
        <ol>
          {trail.map((crumb) => (
            <li key={crumb.href}>
              <a href={crumb.href}>{crumb.label}</a>
            </li>
          ))}
        </ol>
      </nav>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

/** A conflict the admin caused (an item still in use, their own role), shown above the content. */
export function ProblemNotice({
  ctx,
  problem,
  text,
}: {
  ctx: PageContext;
  problem: AppError | null;
  text?: string;
}) {
  if (!problem) return null;
  return (
    <div role="alert">
      <Notice kind="error">{text ?? ctx.t(`errors.${problem.code}`, problem.params)}</Notice>
    </div>
  );
}

interface Section {
  href: string;
  title: string;
  description: string;
  permission: Permission;
}

export function DashboardPage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  const groups: { title: string; sections: Section[] }[] = [
    {
      title: t("admin.dashboard.people"),
      sections: [
        {
          href: "/admin/users",
          title: t("admin.users.title"),
          description: t("admin.dashboard.users"),
          permission: "users.manage",
        },
      ],
    },
    {
      title: t("admin.dashboard.reference"),
      sections: [
        {
          href: "/admin/action-lines",
          title: t("admin.actionLines.title"),
          description: t("admin.dashboard.actionLines"),
          permission: "reference.manage",
        },
        {
          href: "/admin/sdgs",
          title: t("admin.sdgs.title"),
          description: t("admin.dashboard.sdgs"),
          permission: "reference.manage",
        },
        {
          href: "/admin/sdg-matrix",
          title: t("admin.matrix.title"),
          description: t("admin.dashboard.matrix"),
          permission: "reference.manage",
        },
        {
          href: "/admin/regions",
          title: t("admin.regions.title"),
          description: t("admin.dashboard.regions"),
          permission: "reference.manage",
        },
        {
          href: "/admin/stakeholder-types",
          title: t("admin.stakeholderTypes.title"),
          description: t("admin.dashboard.stakeholderTypes"),
          permission: "reference.manage",
        },
        {
          href: "/admin/target-groups",
          title: t("admin.targetGroups.title"),
          description: t("admin.dashboard.targetGroups"),
          permission: "reference.manage",
        },
      ],
    },
    {
      title: t("admin.dashboard.records"),
      sections: [
        {
          href: "/admin/audit",
          title: t("admin.audit.title"),
          description: t("admin.dashboard.audit"),
          permission: "audit.read",
        },
        {
          href: "/admin/outbox",
          title: t("admin.outbox.title"),
          description: t("admin.dashboard.outbox"),
          permission: "outbox.read",
        },
      ],
    },
  ];
  return (
    <Layout ctx={ctx} title={t("admin.title")}>
      <h1>{t("admin.title")}</h1>
      <p class="lead">{t("admin.dashboard.lead")}</p>
      {groups.map((group) => {
        const sections = group.sections.filter((section) => hasPermission(ctx.actor, section.permission));
        if (sections.length === 0) return null;
        return (
          <section key={group.title}>
            <h2>{group.title}</h2>
            <ul class="admin-sections">
              {sections.map((section) => (
                <li key={section.href}>
                  <a href={section.href}>{section.title}</a>
                  <p class="muted">{section.description}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
