/// Hand-written customer requests in the product's domain (jewellery retail) with the Bitext
/// intent a person would choose. They are phrased outside the Bitext templates and use words
/// the data set never contains ("parcel", "necklace", "Scotland"), so they measure how the
/// model copes with real wording rather than its cross-validation score.
enum RealisticRequests {
    static let all: [(text: String, intent: String)] = [
        ("Hi, where is my parcel? The tracking hasn't changed in a week.", "track_order"),
        ("I'd like my money back for the necklace I returned", "get_refund"),
        ("I forgot my password and can't log into my account", "recover_password"),
        ("Please close my account and delete my data", "delete_account"),
        ("can I change the delivery address of my order to my office", "change_shipping_address"),
        ("I need an invoice for my last purchase for my company", "get_invoice"),
        ("how long does shipping to Scotland usually take?", "delivery_period"),
        ("I want to speak to a real person, not a bot", "contact_human_agent"),
        ("unsubscribe me from your newsletter please", "newsletter_subscription"),
        ("My card payment keeps failing at checkout", "payment_issue"),
        ("What's the fee if I cancel my order?", "check_cancellation_fee"),
        ("I want to cancel my order 12345", "cancel_order"),
        ("I want to cancel my order", "cancel_order"),
        ("please cancel order 5521, I ordered the wrong size", "cancel_order"),
        ("where is my order?", "track_order"),
        ("my package still hasn't arrived", "track_order"),
        ("I'd like to add another ring to my order", "change_order"),
        ("I want to buy the silver bracelet, how do I order it", "place_order"),
        ("what payment methods do you accept? can I use paypal", "check_payment_methods"),
        ("I was charged twice for the same order", "payment_issue"),
        ("how do I get a refund", "get_refund"),
        ("what is your return and refund policy", "check_refund_policy"),
        ("when will I get my refund? I returned it two weeks ago", "track_refund"),
        ("the earrings arrived broken and nobody answers my emails, this is unacceptable", "complaint"),
        ("I love the necklace, five stars", "review"),
        ("how can I create an account on your site", "create_account"),
        ("I can't complete the registration, it gives an error", "registration_problems"),
        ("I want to change the email address on my profile", "edit_account"),
        ("how do I switch to my other account", "switch_account"),
        ("what are your delivery options? do you offer express shipping", "delivery_options"),
        ("I need to set up a shipping address", "set_up_shipping_address"),
        ("how do I contact customer service", "contact_customer_service"),
        ("can you send me my invoices from last year", "check_invoices"),
        ("sign me up for the newsletter", "newsletter_subscription"),
        ("is there a charge for cancelling", "check_cancellation_fee"),
    ]
}
