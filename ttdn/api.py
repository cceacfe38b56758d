"""The HTTP API at /api/v1/: every app's router under one Ninja instance."""

from ttdn.activities.api import contests_router
from ttdn.activities.api import router as activities_router
from ttdn.content.api import router as content_router
from ttdn.core.api import DocumentedAPI, TokenAuth, VerifiedSessionAuth, install_error_handlers
from ttdn.core.api import router as core_router
from ttdn.documents.api import citations_router
from ttdn.documents.api import router as documents_router
from ttdn.events.api import router as events_router
from ttdn.monitoring.api import router as monitoring_router
from ttdn.org.api import router as org_router
from ttdn.plans.api import router as plans_router
from ttdn.registries import api as registries_api
from ttdn.reports.api import router as reports_router
from ttdn.stats.api import router as stats_router

api = DocumentedAPI(
    title="TTĐN API",
    version="1",
    description="Personal API tokens: send `Authorization: Bearer <token>`. Create tokens under “API tokens” in the product or with `ttdn issue_token USERNAME`.",
    auth=[TokenAuth(), VerifiedSessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/units", org_router)
api.add_router("/documents", documents_router)
api.add_router("/citations", citations_router)
api.add_router("/anniversaries", events_router)
api.add_router("/reports", reports_router)
api.add_router("/plans", plans_router)
api.add_router("/portal", content_router)
api.add_router("/partners", registries_api.partners_router)
api.add_router("/agreements", registries_api.agreements_router)
api.add_router("/delegations", registries_api.delegations_router)
api.add_router("/trainings", registries_api.trainings_router)
api.add_router("/inspections", registries_api.inspections_router)
api.add_router("/activities", activities_router)
api.add_router("/contests", contests_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/open-data", stats_router)
