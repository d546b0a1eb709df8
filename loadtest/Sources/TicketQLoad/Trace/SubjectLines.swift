/// Subject lines customers write for each kind of request. `#` stands for an order number.
enum SubjectLines {
    static let byIntent: [String: [String]] = [
        "cancel_order": ["Cancel order #", "Please cancel my order", "Cancellation request #"],
        "change_order": ["Change to order #", "Can I change my order?", "Order # - wrong size"],
        "change_shipping_address": ["Wrong address on order #", "Change delivery address", "Shipping address"],
        "check_cancellation_fee": ["Cancellation fee?", "Question about fees", "Fee to cancel"],
        "check_invoices": ["Invoices", "Where are my invoices?", "Billing question"],
        "check_payment_methods": ["Payment options", "Can I pay with PayPal?", "Payment methods"],
        "check_refund_policy": ["Refund policy", "Question about refunds", "Returns and refunds"],
        "complaint": ["Very disappointed", "Complaint about order #", "Not happy"],
        "contact_customer_service": ["Customer service", "Need help", "Question"],
        "contact_human_agent": ["I want to talk to a person", "Please call me", "Speak to an agent"],
        "create_account": ["New account", "Sign up problem", "Create an account"],
        "delete_account": ["Delete my account", "Close my account", "Remove my data"],
        "delivery_options": ["Delivery options", "Express delivery?", "Shipping options"],
        "delivery_period": ["When will it arrive?", "Delivery time for order #", "How long is shipping?"],
        "edit_account": ["Update my details", "Change my account", "Account details"],
        "get_invoice": ["Invoice for order #", "Need an invoice", "Receipt please"],
        "get_refund": ["Refund for order #", "I want my money back", "Refund"],
        "newsletter_subscription": ["Newsletter", "Unsubscribe", "Stop emails"],
        "payment_issue": ["Payment failed", "Charged twice for order #", "Problem paying"],
        "place_order": ["Placing an order", "How do I order?", "Order help"],
        "recover_password": ["Forgot password", "Password reset", "Can't log in"],
        "registration_problems": ["Registration error", "Can't register", "Sign-up not working"],
        "review": ["Feedback", "My review", "About my purchase"],
        "set_up_shipping_address": ["Add a delivery address", "New shipping address", "Address"],
        "switch_account": ["Switch accounts", "Two accounts", "Change account"],
        "track_order": ["Where is order #?", "Tracking order #", "Order status"],
        "track_refund": ["Refund status #", "Where is my refund?", "Refund not received"],
    ]

    /// Intents whose tickets usually name an order.
    static func mentionsOrder(_ subject: String) -> Bool { subject.contains("#") }
}
