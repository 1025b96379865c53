"""Reading uploaded files safely (text, Markdown, PDF) and describing them."""
