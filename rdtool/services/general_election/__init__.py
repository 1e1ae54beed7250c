"""The general election of deputies (换届选举): plan, constituencies, candidates, results."""
