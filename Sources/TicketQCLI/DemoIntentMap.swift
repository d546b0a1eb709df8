/// How the demo files its sample requests (labelled with Bitext intents) under each brand's
/// categories. Real tickets get their category from triage.
enum DemoIntentMap {
    static func category(for intent: String, brand: String) -> String {
        switch (brand, intent) {
        case (_, "cancel_order"), (_, "change_order"), (_, "change_shipping_address"), (_, "set_up_shipping_address"):
            return "order_modification"
        case ("pandorana", "place_order"), ("pandorana", "check_payment_methods"), ("pandorana", "payment_issue"):
            return "order_placement"
        case ("pandorana", "track_order"), ("pandorana", "delivery_options"), ("pandorana", "delivery_period"):
            return "order_tracking"
        case ("pandorana", "get_refund"), ("pandorana", "track_refund"), ("pandorana", "check_refund_policy"):
            return "refund_processing"
        case ("pandorana", "complaint"), ("pandorana", "review"):
            return "complaint"
        case ("mejurn", "payment_issue"), ("mejurn", "check_payment_methods"), ("mejurn", "check_cancellation_fee"):
            return "order_payment_issue"
        case ("mejurn", "track_order"):
            return "shipping_tracking_problem"
        case ("mejurn", "delivery_period"), ("mejurn", "delivery_options"):
            return "shipping_timeline"
        case ("mejurn", "get_refund"), ("mejurn", "track_refund"), ("mejurn", "check_refund_policy"):
            return "return_refund"
        case ("mejurn", "create_account"), ("mejurn", "delete_account"), ("mejurn", "edit_account"),
             ("mejurn", "recover_password"), ("mejurn", "registration_problems"), ("mejurn", "switch_account"):
            return "account_assistance"
        case ("mejurn", "complaint"), ("mejurn", "review"):
            return "feedback_complaint"
        case ("mejurn", "check_invoices"), ("mejurn", "get_invoice"), ("mejurn", "place_order"):
            return "order_status"
        default:
            return "general"
        }
    }
}
