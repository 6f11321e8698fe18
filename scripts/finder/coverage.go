package main

func runCoverage(e env, args []string) int { return notYet(e, "coverage") }
