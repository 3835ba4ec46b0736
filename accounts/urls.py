from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", two_factor.TwoFactorView.as_view(), name="two_factor"),
    path("accounts/<int:pk>/reset-two-factor/", views.ResetTwoFactorView.as_view(), name="reset_two_factor"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("my-unit/", views.MyUnitView.as_view(), name="my_unit"),
    path("accounts/", views.AccountListView.as_view(), name="user_list"),
    path("accounts/new/", views.AccountCreateView.as_view(), name="user_create"),
    path("accounts/<int:pk>/edit/", views.AccountUpdateView.as_view(), name="user_update"),
]
