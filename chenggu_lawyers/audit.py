"""Audit hooks: who changed what, from where.

The middleware puts the request's user and address in a context variable; signal receivers (the only
signals in the project) write an AuditEvent for every create, update and delete of a BaseModel subclass,
and for logins, logouts and failed logins. Exports and imports call `record` themselves.
"""

import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AuditAction, AuditEvent, BaseModel

_request_context: ContextVar[tuple] = ContextVar("audit_request_context", default=(None, None))


def client_ip(request) -> str | None:
    """The address the request came from. Behind the deployment's nginx every request arrives from the
    proxy, which sets X-Real-IP to the client's address; the header is believed only from an address in
    settings.TRUSTED_PROXIES, since anybody else can send it."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return remote


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_context.set((request, client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            _request_context.reset(token)


def _current_actor():
    request, ip = _request_context.get()
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return user, ip
    return None, ip


def record(
    *,
    action: str,
    obj=None,
    changes: dict | None = None,
    actor=None,
    ip=None,
    outcome="success",
    object_type: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Write one audit event; the actor and address default to the current request's."""
    current_actor, current_ip = _current_actor()
    actor = actor if actor is not None else current_actor
    ip = ip if ip is not None else current_ip
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_repr = object_repr or str(obj)[:200]
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else "")[:150],
        ip_address=ip,
        action=action,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=object_repr[:200],
        changes=changes or {},
        outcome=outcome,
    )


def record_created(objects) -> None:
    """The create events of rows written in bulk (bulk_create sends no post_save), in one insert; the same
    entries `audit_save` would have written one by one."""
    actor, ip = _current_actor()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                actor_name=(actor.get_username() if actor is not None else "")[:150],
                ip_address=ip,
                action=AuditAction.CREATE,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes={"after": obj.audit_snapshot()},
            )
            for obj in objects
        ],
        batch_size=1000,
    )


@receiver(post_save, dispatch_uid="audit_post_save")
def audit_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, BaseModel):
        return
    after = instance.audit_snapshot()
    if created:
        record(action=AuditAction.CREATE, obj=instance, changes={"after": after})
    else:
        loaded = getattr(instance, "_loaded_values", {})
        before = instance.audit_snapshot_of(loaded)
        changed = {key for key in after if before.get(key, after[key]) != after[key]}
        if not changed:
            return
        record(
            action=AuditAction.UPDATE,
            obj=instance,
            changes={
                "before": {k: before.get(k) for k in sorted(changed)},
                "after": {k: after[k] for k in sorted(changed)},
            },
        )
    instance._loaded_values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@receiver(post_delete, dispatch_uid="audit_post_delete")
def audit_delete(sender, instance, **kwargs):
    if isinstance(instance, BaseModel):
        record(action=AuditAction.DELETE, obj=instance, changes={"before": instance.audit_snapshot()})


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    record(action=AuditAction.LOGIN, actor=user, ip=client_ip(request), obj=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditAction.LOGOUT, actor=user, ip=client_ip(request), obj=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(
        action=AuditAction.LOGIN_FAILED,
        ip=client_ip(request) if request is not None else None,
        object_type="accounts.user",
        object_repr=username,
        outcome="failure",
    )
