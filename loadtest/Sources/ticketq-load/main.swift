import TicketQLoad

print("ticketq-load")
