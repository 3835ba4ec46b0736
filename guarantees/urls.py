from django.urls import path

from .views import expenses, matters, overtime

app_name = "guarantees"

urlpatterns = [
    path("overtime/mine/", overtime.MyOvertimeView.as_view(), name="my_overtime"),
    path("overtime/", overtime.OvertimeListView.as_view(), name="overtime_list"),
    path("overtime/export/", overtime.OvertimeExportView.as_view(), name="overtime_export"),
    path("overtime/new/", overtime.OvertimeCreateView.as_view(), name="overtime_create"),
    path("overtime/<int:pk>/", overtime.OvertimeDetailView.as_view(), name="overtime_detail"),
    path("overtime/<int:pk>/decide/", overtime.OvertimeDecideView.as_view(), name="overtime_decide"),
    path("leave/", overtime.LeaveListView.as_view(), name="leave_list"),
    path("leave/export/", overtime.LeaveExportView.as_view(), name="leave_export"),
    path("leave/new/", overtime.LeaveCreateView.as_view(), name="leave_create"),
    path("balances/", overtime.BalanceView.as_view(), name="balances"),
    path("balances/export/", overtime.BalanceExportView.as_view(), name="balance_export"),
    path("expenses/", expenses.ExpenseListView.as_view(), name="expense_list"),
    path("expenses/export/", expenses.ExpenseExportView.as_view(), name="expense_export"),
    path("expenses/new/", expenses.ExpenseCreateView.as_view(), name="expense_create"),
    path("expenses/totals/", expenses.ExpenseTotalsView.as_view(), name="expense_totals"),
    path("expenses/<int:pk>/", expenses.ExpenseDetailView.as_view(), name="expense_detail"),
    path("expenses/<int:pk>/decide/", expenses.ExpenseDecideView.as_view(), name="expense_decide"),
    path("expenses/<int:pk>/receipts/", expenses.ReceiptAddView.as_view(), name="receipt_add"),
    path("receipts/<int:pk>/", expenses.ReceiptDownloadView.as_view(), name="receipt_download"),
    path("matters/<int:pk>/", matters.MatterPanelView.as_view(), name="matter_panel"),
    path("matters/<int:pk>/commission-letter/", matters.CommissionLetterView.as_view(), name="commission_letter"),
    path("attachments/<int:pk>/", matters.AttachmentDownloadView.as_view(), name="attachment_download"),
]
