"""Real servers started by the tests on 127.0.0.1 (never mocks)."""
