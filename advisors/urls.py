from django.urls import path

from .views import dispatches, engagements, pool

app_name = "advisors"

urlpatterns = [
    # Legal advisors of units without qualified staff (R1.4)
    path("engagements/", engagements.EngagementListView.as_view(), name="engagement_list"),
    path("engagements/export/", engagements.EngagementExportView.as_view(), name="engagement_export"),
    path("engagements/new/", engagements.EngagementCreateView.as_view(), name="engagement_create"),
    path("engagements/<int:pk>/", engagements.EngagementDetailView.as_view(), name="engagement_detail"),
    path("engagements/<int:pk>/reveal/", engagements.EngagementRevealView.as_view(), name="engagement_reveal"),
    path("engagements/<int:pk>/edit/", engagements.EngagementUpdateView.as_view(), name="engagement_update"),
    path("engagements/<int:pk>/renew/", engagements.EngagementRenewView.as_view(), name="engagement_renew"),
    path("engagements/<int:pk>/terminate/", engagements.EngagementTerminateView.as_view(), name="engagement_terminate"),
    # A system's talent pool and dispatch of its lawyers (R1.5)
    path("pool/", pool.PoolMemberListView.as_view(), name="pool_member_list"),
    path("pool/export/", pool.PoolMemberExportView.as_view(), name="pool_member_export"),
    path("pool/new/", pool.PoolMemberCreateView.as_view(), name="pool_member_create"),
    path("pool/<int:pk>/", pool.PoolMemberDetailView.as_view(), name="pool_member_detail"),
    path("pool/<int:pk>/reveal/", pool.PoolMemberRevealView.as_view(), name="pool_member_reveal"),
    path("pool/<int:pk>/edit/", pool.PoolMemberUpdateView.as_view(), name="pool_member_update"),
    path("pool/<int:pk>/leave/", pool.PoolMemberLeaveView.as_view(), name="pool_member_leave"),
    path("dispatches/", dispatches.DispatchListView.as_view(), name="dispatch_list"),
    path("dispatches/export/", dispatches.DispatchExportView.as_view(), name="dispatch_export"),
    path("dispatches/new/", dispatches.DispatchCreateView.as_view(), name="dispatch_create"),
    path("dispatches/<int:pk>/", dispatches.DispatchDetailView.as_view(), name="dispatch_detail"),
    path("dispatches/<int:pk>/<slug:action>/", dispatches.DispatchActionView.as_view(), name="dispatch_action"),
]
